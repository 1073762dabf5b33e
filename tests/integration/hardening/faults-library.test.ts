// The other user actions — list and select bots, download and clean-export a recording, connect
// with a live key — under every fault; RELIABILITY.md's table for them must match.
import { describeMatrix } from './fault-cases';

describeMatrix('library', ['list', 'select', 'download', 'export', 'connect']);
