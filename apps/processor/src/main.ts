import 'reflect-metadata';
import { SystemClock } from '@pipeline/adapters/system-clock.js';
console.log(new SystemClock().now().toISOString());
