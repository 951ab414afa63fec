// Registers netfence's jest matchers (toAllow, toDeny) for every test file: jest's configuration
// lists this file in setupFilesAfterEnv.
import { netfenceMatchers } from 'netfence/testing';

expect.extend(netfenceMatchers);
