/**
 * The built-in models in compiled form. Empty in the source tree: the package build
 * (scripts/build-package.ts) replaces this module's contents with the serialized compiled
 * ferroptosis model, so the built `ferrosim` runs it without compiling. The registry uses an entry
 * only when its content hash matches the current definition and compiler version.
 */
import type { SerializedModel } from '../model/serialized.ts';

export const BUILTIN_MODELS: readonly SerializedModel[] = [];
