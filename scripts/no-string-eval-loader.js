/**
 * webpack loader for ExcelJS's prebuilt browser bundle, which inlines the `setimmediate` polyfill:
 * that polyfill turns a string argument into code with `new Function`. Nothing in PAR Scorecard
 * passes strings to setImmediate, so the branch is replaced by one that refuses them, and the
 * bundle keeps no eval-like call (checked by test/e2e/bundle.e2e.test.ts on the production build).
 */
'use strict';

const STRING_EVAL = /"function"\s*!==?\s*typeof (\w+)\s*&&\s*\(\1\s*=\s*new Function\(""\s*\+\s*\1\)\)/g;

module.exports = function noStringEval(source) {
  return source.replace(
    STRING_EVAL,
    (_all, v) => `"function"!=typeof ${v}&&(${v}=function(){throw new TypeError("setImmediate expects a function")})`,
  );
};
module.exports.STRING_EVAL = STRING_EVAL;
