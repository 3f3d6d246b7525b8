/**
 * Writing output files. Every path is checked before any computing starts (`checkOutputPath`), and
 * every file is written atomically (`writeOutput`): to a temporary file in the same directory,
 * flushed to disk, then renamed over the target, so a crash or a kill mid-write leaves either the
 * old file or the new one, never a truncated one.
 */
import { accessSync, closeSync, constants, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './errors.ts';

/** Identity of a file: device and inode when it exists (catches links), else its absolute path. */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Refuses, before any work is done, an output path that cannot be written: its directory missing
 * or not writable, the path itself a directory, or the path one of the command's inputs.
 * `option` names the flag in the message (e.g. '--out').
 */
export function checkOutputPath(path: string, option: string, inputs: readonly string[] = []): void {
  for (const input of inputs) {
    if (sameFile(path, input)) throw new UserError(`${option} ${path} is the input file ${input}; ferrosim never overwrites an input, choose another name`);
  }
  const dir = dirname(resolve(path));
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch {
    throw new UserError(`${option} ${path}: its directory ${dirname(path)} does not exist (nothing was computed)`);
  }
  if (!dirStat.isDirectory()) throw new UserError(`${option} ${path}: ${dirname(path)} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${option} ${path}: the directory ${dirname(path)} is not writable (nothing was computed)`);
  }
  try {
    if (statSync(path).isDirectory()) throw new UserError(`${option} ${path} is a directory; give a file name`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Does not exist yet: fine.
  }
}

let serial = 0;

/** Writes `content` to `path` atomically (temporary file in the same directory, fsync, rename). */
export function writeOutput(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${serial++}.tmp`);
  let fd = -1;
  try {
    fd = openSync(tmp, 'wx');
    const bytes = Buffer.from(content, 'utf8');
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, path);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot write ${path}: ${code === 'ENOENT' ? 'its directory does not exist' : (e as Error).message}`);
  }
}
