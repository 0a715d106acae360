/**
 * Sample handlers doing real local work (searching a bundled corpus, counting a book's words,
 * importing CSV and XML, validating payments) for the definitions shipped in {@code definitions/}.
 * They use the handler API only, and this module is packaged as any handler jar is: each handler
 * class is public and listed in {@code META-INF/services/io.phaseflow.handlers.Handler}, which is
 * how the {@code phaseflow} application finds them. {@link io.phaseflow.samples.SampleHandlers}
 * gives them to code and tests.
 */
package io.phaseflow.samples;
