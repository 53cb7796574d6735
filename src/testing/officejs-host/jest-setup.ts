/**
 * jest: every fake-Excel context is handed out through the office.js request mirror, so the
 * adapter's tests drive Microsoft's own `Excel.*` classes and each sync's request is measured as
 * office.js serialises it (and refused above Excel on the web's 5 MB, as Excel does).
 */
import { setContextDecorator } from '../fake-excel';
import { mirrorContext } from './mirror';

setContextDecorator(mirrorContext);
