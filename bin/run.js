#!/usr/bin/env node
// faultline's command-line entry: hands argv to oclif, which loads the compiled commands from dist/.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
