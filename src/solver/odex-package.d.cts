// Types of odex-package.cjs: the npm package 'odex', as declared in types/odex.d.ts.
import odex = require('odex');
export = odex;
