// Setup of the `client` test project (component specs in Chromium): jest-dom's matchers
// (toBeVisible, toHaveAccessibleDescription, …) on `expect`, and every rendered component
// unmounted after its test.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
