export { mirrorContext } from './mirror';
export { loadOfficeJs, officeJsPath, OFFICE_JS_BUILD, type OfficeJsClient } from './office-js';
