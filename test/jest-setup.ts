import { netfenceMatchers } from '../lib/testing';

// Every test file gets `toAllow` / `toDeny`, as a consumer's jest setup file would do.
expect.extend(netfenceMatchers);
