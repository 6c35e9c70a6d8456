import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'do-not-track-mechanism',
  type: 'consistency',
  severity: 'error',
  title: 'Honouring Do Not Track says what happens',
  description:
    'A policy that says it honours Do Not Track signals must say what it does when it receives one; otherwise the promise cannot be checked. Describe it in `cookies.do_not_track.mechanism`.',
  check({ model, report }) {
    const dnt = model.cookies?.do_not_track;
    if (dnt?.response === 'honored' && !dnt.mechanism) {
      report({
        path: ['cookies', 'do_not_track', 'response'],
        message: 'Do Not Track is honoured, but the declaration does not say what happens when a signal is received.',
        hint: 'Add cookies.do_not_track.mechanism, for example "We stop setting advertising cookies for that browser."',
      });
    }
  },
  examples: {
    failing: `cookies:
  technologies: [cookies]
  do_not_track:
    response: honored`,
    passing: `cookies:
  technologies: [cookies]
  do_not_track:
    response: honored
    mechanism: We stop setting advertising and analytics cookies for that browser.`,
  },
};
