/**
 * The HTML report's inline script: the owner and status filters, and opening every key result for
 * print. An objective is shown when it matches both filters or one of its key results does; a key
 * result when it matches both (its owner is its objective's when it names none). It reads only the page's own `data-` attributes (made by okr, escaped) and sets `hidden`;
 * it never writes markup, so nothing from a file can become code.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var owner = document.getElementById('filter-owner');
  var status = document.getElementById('filter-status');
  var reset = document.getElementById('filter-reset');
  var shown = document.getElementById('shown');
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.objective'));
  var total = sections.length;
  function matches(el, o, s) {
    return (o === '' || el.getAttribute('data-owner') === o) && (s === '' || el.getAttribute('data-status') === s);
  }
  function apply() {
    var o = owner.value, s = status.value, count = 0;
    sections.forEach(function (section) {
      var krs = Array.prototype.slice.call(section.querySelectorAll('details.kr'));
      var own = matches(section, o, s);
      var any = false;
      krs.forEach(function (kr) {
        var keep = matches(kr, o, s);
        kr.hidden = !keep;
        if (keep) any = true;
      });
      var visible = own || any;
      section.hidden = !visible;
      var row = document.querySelector('tr[data-objective="' + section.id + '"]');
      if (row) row.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = 'Showing ' + count + ' of ' + total + ' objective' + (total === 1 ? '' : 's');
  }
  owner.addEventListener('change', apply);
  status.addEventListener('change', apply);
  reset.addEventListener('click', function () { owner.value = ''; status.value = ''; apply(); });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.setAttribute('data-was-open', d.open ? '1' : ''); d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = d.getAttribute('data-was-open') === '1'; });
  });
  apply();
})();
`;
