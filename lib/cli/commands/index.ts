import { Command } from 'commander';
import { registerValidate } from './validate';
import { registerCheck } from './check';
import { registerMatrix } from './matrix';
import { registerSynth } from './synth';
import { registerDiff } from './diff';
import { registerGraph } from './graph';
import { registerLint } from './lint';
import { registerInit } from './init';
import { registerImport } from './import';

/** A function that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * Every subcommand, one file each. Commands set `process.exitCode` for their answer and throw
 * NetfenceError for bad input (exit 2).
 */
export const COMMANDS: readonly RegisterCommand[] = [registerInit, registerImport, registerSynth, registerValidate, registerCheck, registerMatrix, registerDiff, registerGraph, registerLint];
