import { Command } from 'commander';
import { registerValidate } from './validate';
import { registerCheck } from './check';
import { registerMatrix } from './matrix';
import { registerSynth } from './synth';
import { registerDiff } from './diff';
import { registerGraph } from './graph';
import { registerLint } from './lint';

/** A function that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * Every subcommand, one file each. Commands set `process.exitCode` for their answer and throw
 * NetfenceError for bad input (exit 2).
 */
export const COMMANDS: readonly RegisterCommand[] = [registerValidate, registerCheck, registerMatrix, registerSynth, registerDiff, registerGraph, registerLint];
