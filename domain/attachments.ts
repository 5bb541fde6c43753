// Files attached on the public form are named in the complaint's description, one line each, so the
// case carries them without new fields; the console reads the same lines back to link the files.
// One format, written and read here. Pure.

export interface AttachmentRef {
  id: string;
  name: string;
  type: string;
  size: number;
}

const HEADING = 'Attachments:';
const LINE = /^- (.+) \(([^,()]+), (\d+) KB; id (a[0-9a-f]{32})\)$/;

/** The description with its attachment lines (as the public form writes them). */
export function withAttachmentList(description: string, files: readonly AttachmentRef[]): string {
  if (!files.length) return description;
  const lines = files.map((a) => `- ${a.name} (${a.type}, ${Math.ceil(a.size / 1024)} KB; id ${a.id})`);
  return `${description}\n\n${HEADING}\n${lines.join('\n')}`;
}

/** The description's own words and the files it names (size in KB as written, times 1024). */
export function attachmentsIn(description: string): { text: string; files: AttachmentRef[] } {
  const at = description.lastIndexOf(`\n\n${HEADING}\n`);
  if (at < 0) return { text: description, files: [] };
  const files: AttachmentRef[] = [];
  for (const line of description.slice(at + HEADING.length + 3).split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) return { text: description, files: [] }; // not our list: the words as they are
    files.push({ name: m[1], type: m[2], size: Number(m[3]) * 1024, id: m[4] });
  }
  return { text: description.slice(0, at), files };
}
