/**
 * The mdast-util-from-markdown extension and unified plugin that add okr's `[/]` (in progress) and
 * `[-]` (cancelled) task markers (src/parse/markdown/task-marker.ts, a micromark construct) to
 * remark-parse: the reference (reference-markdown.ts) the Markdown reader is held to in tests.
 */
import type { Extension, Token } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import type { TaskState } from '../../src/parse/markdown/index.js';
import { MARKER, MARKER_CANCELLED, MARKER_IN_PROGRESS, taskMarkerSyntax } from '../../src/parse/markdown/task-marker.js';

interface TaskData {
  okrTaskState?: TaskState;
  okrCheckOffset?: number;
}

function taskDataOf(context: CompileContext): TaskData | null {
  const node = context.stack[context.stack.length - 2];
  if (node?.type !== 'listItem') return null;
  node.data ??= {};
  return node.data;
}

/**
 * remark-gfm's handler for a check, minus its assumption that the paragraph is in a list item:
 * after a lazy line it may not be (remark-gfm's production build then marks the parent anyway,
 * which nothing reads; its development build throws).
 */
function exitCheck(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 2];
  if (node?.type === 'listItem') node.checked = (token.type as string) === 'taskListCheckValueChecked';
}

/** mdast-util-from-markdown extension: records the markers' state and every check's offset. */
export const taskMarkerFromMarkdown: FromMarkdownExtension = {
  enter: {
    taskListCheck(this: CompileContext, token: Token) {
      const data = taskDataOf(this);
      if (data) data.okrCheckOffset = token.start.offset;
    },
    [MARKER](this: CompileContext, token: Token) {
      const data = taskDataOf(this);
      if (data) data.okrCheckOffset = token.start.offset;
    },
  },
  exit: {
    taskListCheckValueChecked: exitCheck,
    taskListCheckValueUnchecked: exitCheck,
    [MARKER_IN_PROGRESS](this: CompileContext) {
      const data = taskDataOf(this);
      if (data) data.okrTaskState = 'in-progress';
    },
    [MARKER_CANCELLED](this: CompileContext) {
      const data = taskDataOf(this);
      if (data) data.okrTaskState = 'cancelled';
    },
  },
};

/** unified plugin adding the markers to remark-parse. */
export function remarkTaskMarkers(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[] };
  (data.micromarkExtensions ??= []).push(taskMarkerSyntax);
  (data.fromMarkdownExtensions ??= []).push(taskMarkerFromMarkdown);
}
