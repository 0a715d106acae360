/**
 * Sample handlers doing real local work (searching a bundled corpus, counting a book's words,
 * importing CSV and XML, validating payments) for the definitions shipped in {@code definitions/}.
 * Only {@link io.phaseflow.handlers.samples.SampleHandlers} is public.
 */
package io.phaseflow.handlers.samples;
