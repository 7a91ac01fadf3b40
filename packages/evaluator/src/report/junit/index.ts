/** Public API of the JUnit report. File name: `reportFileName('junit')` from the HTML report module. */
export { type JUnitOptions, renderJUnitReport } from './render.js';
