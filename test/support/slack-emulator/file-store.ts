/** Files of the v2 upload flow: reserved (getUploadURLExternal), uploaded (POST bytes), completed. */
import type { IdGenerator } from './ids.ts';
import type { StoredFile } from './types.ts';

export class FileStore {
  private files = new Map<string, StoredFile>();

  constructor(private readonly ids: IdGenerator) {}

  reserve(input: Pick<StoredFile, 'teamId' | 'filename' | 'length' | 'altText' | 'snippetType'>): StoredFile {
    const file: StoredFile = { ...input, id: this.ids.next('F'), completed: false, channels: [] };
    this.files.set(file.id, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  all(): StoredFile[] {
    return [...this.files.values()];
  }

  clear(): void {
    this.files.clear();
  }
}

/** The file object fields returned by files.completeUploadExternal. */
export function toApiFile(file: StoredFile, createdSeconds: number): Record<string, unknown> {
  return {
    id: file.id,
    created: createdSeconds,
    name: file.filename,
    title: file.title ?? file.filename,
    size: file.bytes?.length ?? 0,
    channels: file.channels,
    alt_txt: file.altText,
  };
}
