#!/usr/bin/env node
console.log('chiso', process.version);
