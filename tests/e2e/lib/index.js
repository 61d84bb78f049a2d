'use strict';
// Waypoint end-to-end harness: one API over Playwright (chromium, firefox) and Selenium (webkit).
const { launch, labelMatches, missingExecutables, ENGINES, VISIBLE } = require('./browser');
const { startServer } = require('./server');
const { startProxy } = require('./proxy');
const { startXvfb } = require('./xvfb');
const { test } = require('./run');
const { readPng } = require('./png');
const { sleep, poll, withTimeout, outDir } = require('./util');

module.exports = {
  test, launch, startServer, startProxy, startXvfb, readPng, labelMatches, missingExecutables,
  sleep, poll, withTimeout, outDir, ENGINES, VISIBLE,
};
