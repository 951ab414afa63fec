// Every test file gets `toAllow` / `toDeny`, as a consumer's `setupFilesAfterEnv: ['netfence/testing']` does.
import '../lib/testing/jest';
