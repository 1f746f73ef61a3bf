/**
 * The HTML report's stylesheet, inlined: system fonts only, light and dark (prefers-color-scheme),
 * narrow screens (a phone at 390 px) and wide ones, and print on A4. Text colours meet WCAG AA
 * contrast (4.5:1) on their backgrounds in both schemes.
 */
export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--link:#0550ae;
--done:#1a7f37;--on-track:#0b6e4f;--at-risk:#8a4b00;--off-track:#b42318;--upcoming:#57606a;--invalid:#6639ba;--track:#e6e9ed}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--panel:#161b22;--link:#79b8ff;
--done:#56d364;--on-track:#3fc1a5;--at-risk:#e3b341;--off-track:#ff7b72;--upcoming:#9da7b3;--invalid:#c8a6ff;--track:#30363d}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px}
a{color:var(--link)}
a:focus-visible,summary:focus-visible,select:focus-visible,button:focus-visible{outline:3px solid var(--link);outline-offset:2px}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.3rem;margin:1.4em 0 .5em;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:0 0 .3em}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere}
.headline,.summary{color:var(--fg)}
.notice{border-left:4px solid var(--at-risk);padding:.3em .8em;background:var(--panel)}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;padding:8px 12px;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.filters label{display:flex;flex-direction:column;font-size:.9rem}
.filters select,.filters button{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:4px;padding:4px 8px;min-height:2.2em}
.shown{margin:0 0 0 auto;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5em 0}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding:.2em 0}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
thead th{font-size:.9rem;color:var(--muted)}
tbody th{font-weight:normal}
.progress{display:inline-flex;align-items:center;gap:6px;white-space:nowrap}
.bar{position:relative;display:inline-block;width:90px;height:10px;background:var(--track);border-radius:5px;overflow:hidden}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:5px;background:var(--muted)}
.fill.unknown{width:100%;background:repeating-linear-gradient(45deg,var(--track) 0 4px,var(--muted) 4px 6px)}
.tick{position:absolute;top:0;bottom:0;width:2px;background:var(--fg);opacity:.6}
.pct{min-width:3.2em;text-align:right;font-variant-numeric:tabular-nums}
.status{font-weight:600;white-space:nowrap}
.s-done{color:var(--done)}.fill.s-done{background:var(--done)}
.s-on-track{color:var(--on-track)}.fill.s-on-track{background:var(--on-track)}
.s-at-risk{color:var(--at-risk)}.fill.s-at-risk{background:var(--at-risk)}
.s-off-track{color:var(--off-track)}.fill.s-off-track{background:var(--off-track)}
.s-upcoming{color:var(--upcoming)}.fill.s-upcoming{background:var(--upcoming)}
.s-invalid{color:var(--invalid)}
.mark,.invalid,.incomplete{color:var(--invalid)}
.objective{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0}
.objective.depth-1{margin-left:16px}.objective.depth-2{margin-left:32px}.objective.depth-3,.objective.depth-4,.objective.depth-5,.objective.depth-6{margin-left:48px}
.objective .facts{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin:.2em 0}
.owner,.call,.path,.from{color:var(--muted)}
.kr{border-top:1px solid var(--line)}
.kr summary{cursor:pointer;padding:6px 0;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.kr summary::before{content:"▸";color:var(--muted)}
.kr[open] summary::before{content:"▾"}
.kr summary::-webkit-details-marker{display:none}
.kr .name{flex:1 1 260px}
.kr-body{padding:0 0 8px 18px}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:.3em 0}
dl.facts dt{font-size:.8rem;color:var(--muted)}
dl.facts dd{margin:0}
.chart{margin:.4em 0}
.chart svg{max-width:100%;height:auto;background:var(--panel);border:1px solid var(--line);border-radius:4px}
.chart .axis{stroke:var(--line)}
.chart polyline{fill:none;stroke-width:2}
.chart .actual{stroke:var(--link);fill:none}
.chart circle.actual{fill:var(--link)}
.chart .expected{stroke:var(--muted);stroke-dasharray:4 3}
.chart figcaption{font-size:.8rem;color:var(--muted)}
.key-actual{color:var(--link)}.key-expected{color:var(--muted)}
.problems summary{cursor:pointer}
.p-error td:nth-child(2){color:var(--off-track)}
footer{margin-top:2em;color:var(--muted);font-size:.85rem}
[hidden]{display:none!important}
@media (max-width:640px){
main{padding:10px}
.overview thead{display:none}
.overview tr{display:grid;grid-template-columns:1fr auto;border-bottom:1px solid var(--line);padding:4px 0}
.overview th,.overview td{border:0;padding:2px 4px}
.overview th{grid-column:1/-1}
.objective.depth-1,.objective.depth-2,.objective.depth-3,.objective.depth-4,.objective.depth-5,.objective.depth-6{margin-left:8px}
.tasks,.checkins{font-size:.9rem}
.bar{width:64px}
.shown{margin:0}
}
@media print{
@page{size:A4;margin:14mm}
:root{--bg:#fff;--fg:#000;--muted:#333;--line:#bbb;--panel:#fff;--link:#000}
body{font-size:10.5pt}
main{max-width:none;padding:0}
.filters{display:none}
details>*{display:block}
details .kr-body{display:block}
.objective{break-inside:avoid-page}
a{text-decoration:none}
.kr summary::before{content:""}
}
`;
