package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Imports XML text from {@code payload.xml} (or {@code data.xml}): each {@code <order
 * amount="..."/>} element, at any depth, is a record. Output {@code {"source": "xml", "records",
 * "total"}}.
 */
public final class ImportXml implements Handler {

  @Override
  public String name() {
    return "ImportXml";
  }

  @Override
  public JobResult process(Job job) throws ParserConfigurationException, IOException {
    String xml = Json.payloadOrData(job, "xml");
    if (xml == null) {
      throw Json.badInput(job, "no XML text: give payload.xml or data.xml as a string");
    }
    NodeList orders;
    try {
      orders = parser().parse(new InputSource(new StringReader(xml))).getElementsByTagName("order");
    } catch (SAXException e) {
      throw Json.badInput(job, "malformed XML: " + e.getMessage());
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < orders.getLength(); i++) {
      Element order = (Element) orders.item(i);
      if (!order.hasAttribute("amount")) {
        throw Json.badInput(job, "XML order " + (i + 1) + " has no amount attribute");
      }
      total = total.add(Imports.amount(job, order.getAttribute("amount"), "XML order " + (i + 1)));
    }
    return JobResult.success(Imports.output("xml", orders.getLength(), total));
  }

  private static DocumentBuilder parser() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // Input comes from workflow data: refuse DTDs so no entity can read files or expand without
    // end.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    // The default handler also prints fatal errors to stderr; the exception already says it all.
    builder.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) throws SAXException {
            throw e;
          }

          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            throw e;
          }
        });
    return builder;
  }
}
