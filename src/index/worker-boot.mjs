// The first module of an index worker thread: the project runs its TypeScript through tsx (no
// build step), and a worker thread does not inherit the loader its parent registered, so it
// registers tsx itself before importing the worker module named by `workerData.entry`.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
