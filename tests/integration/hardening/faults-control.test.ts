// Recording control (pause, resume, start, stop, leave) under every fault, through the app core,
// the real client and the sandbox's fault injection; RELIABILITY.md's control table must match.
import { describeMatrix } from './fault-cases';

describeMatrix('control', ['pause', 'resume', 'start', 'stop', 'leave']);
