package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jamesclientid.demo.JamesConfInstaller;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ShippedLogbackTest {
    @Test
    void logbackShouldSilenceWebAdminRequestLoggerWhenShipped() throws Exception {
        // James logs every WebAdmin request body at INFO; CLIENTID enrolment and block bodies carry a device token.
        Path logback = JamesConfInstaller.defaultConfSource().resolve("logback.xml");
        NodeList loggers = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(logback.toFile())
            .getElementsByTagName("logger");

        Optional<String> level = IntStream.range(0, loggers.getLength())
            .mapToObj(i -> (Element) loggers.item(i))
            .filter(logger -> logger.getAttribute("name").equals("org.apache.james.webadmin.mdc.LoggingRequestFilter"))
            .map(logger -> logger.getAttribute("level"))
            .findFirst();

        assertThat(level).contains("WARN");
    }
}
