/** What a scenario measured: samples of durations and the requests each repetition sent. */
package io.tidemark.bench.measure;
