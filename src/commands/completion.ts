/**
 * `okr completion <bash|zsh|fish>`: prints a completion script for the shell. The scripts hold no
 * list of commands or options: on Tab they ask `okr __complete` (./complete.ts), which reads them
 * from the command line's definition and the ids from the workspace, so they never go stale.
 */
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { CompletionShell } from '../options.js';

const BASH = `# okr completion for bash: commands, options, and objective and key result ids.
# Load it from ~/.bashrc with:  source <(okr completion bash)
_okr() {
  local IFS=$'\\n'
  COMPREPLY=($(command okr __complete bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  return 0
}
complete -o default -F _okr okr
`;

const ZSH = `#compdef okr
# okr completion for zsh: commands, options, and objective and key result ids.
# Load it from ~/.zshrc, after compinit, with:  source <(okr completion zsh)
# or save it as _okr in a folder of $fpath.
_okr() {
  local -a candidates
  candidates=("\${(@f)$(command okr __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=("\${(@)candidates:#}")
  if (( \${#candidates} )); then
    compadd -- "\${(@)candidates}"
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == _okr ]]; then
  _okr "$@"
else
  compdef _okr okr
fi
`;

const FISH = `# okr completion for fish: commands, options, and objective and key result ids.
# Load it with:  okr completion fish | source
# or save it as ~/.config/fish/completions/okr.fish
function __okr_complete
    set -l tokens (commandline -opc) (commandline -ct)
    set -l candidates (command okr __complete fish -- $tokens[2..-1] 2>/dev/null)
    if test (count $candidates) -eq 0
        __fish_complete_path (commandline -ct)
    else
        printf '%s\\n' $candidates
    end
end
complete -c okr -f -a '(__okr_complete)'
`;

const SCRIPTS: Record<CompletionShell, string> = { bash: BASH, zsh: ZSH, fish: FISH };

export function runCompletion(shell: CompletionShell, context: CommandContext): ExitCode {
  context.stdout.write(SCRIPTS[shell]);
  return ExitCode.OK;
}
