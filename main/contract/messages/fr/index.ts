import app from './app.json';
import cli from './cli.json';
import forms from './forms.json';
import inquiry from './inquiry.json';
import options from './options.json';
import report from './report.json';

// One language is one folder: each area keeps its strings in its own file, merged into one
// namespace (no file may hide another's keys: tests/unit/i18n.test.ts checks it).
export default { ...app, ...forms, ...report, ...options, ...inquiry, ...cli };
