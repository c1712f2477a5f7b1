package dev.keel.tools.schemacheck;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.session.Configuration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Mapper XML texts loaded into a MyBatis configuration for their SQL only. They may come from an
 * older release whose Java classes no longer exist, so every Java type they name is replaced by a
 * map (result maps keep just their columns) and no mapper interface of today's code is bound to them.
 */
public final class DetachedMappers {

    private static final String DOCTYPE_PUBLIC = "-//mybatis.org//DTD Mapper 3.0//EN";
    private static final String DOCTYPE_SYSTEM = "https://mybatis.org/dtd/mybatis-3-mapper.dtd";
    private static final Set<String> STATEMENTS = Set.of("select", "insert", "update", "delete", "selectKey");
    private static final Set<String> COLUMN_ELEMENTS = Set.of("id", "result", "idArg", "arg");

    /** The configuration, and the mappers that would not load (each a problem, so nothing is skipped silently). */
    public record Loaded(Configuration configuration, List<SchemaProblem> problems) {}

    private DetachedMappers() {}

    public static Loaded load(String release, List<MapperSource> sources) {
        Configuration configuration = new SqlOnlyConfiguration();
        List<SchemaProblem> problems = new ArrayList<>();
        for (MapperSource source : sources) {
            try {
                new XMLMapperBuilder(
                                new StringReader(sqlOnly(source.xml())),
                                configuration,
                                source.location(),
                                configuration.getSqlFragments())
                        .parse();
            } catch (Exception e) {
                problems.add(new SchemaProblem(
                        release, source.location(), "", "the mapper does not load: " + e.getMessage()));
            }
        }
        try {
            configuration.getMappedStatements(); // resolves cross-mapper references left pending while loading
        } catch (RuntimeException e) {
            problems.add(
                    new SchemaProblem(release, "mappers", "", "the mappers do not load together: " + e.getMessage()));
        }
        return new Loaded(configuration, problems);
    }

    /** The same mapper with maps in place of Java types, so only the SQL and the columns remain. */
    static String sqlOnly(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver(new XMLMapperEntityResolver()); // the DTD from MyBatis's jar, never the network
        Document document = builder.parse(new InputSource(new StringReader(xml)));
        Element mapper = document.getDocumentElement();
        for (Element child : children(mapper)) {
            switch (child.getTagName()) {
                case "cache", "cache-ref", "parameterMap" -> mapper.removeChild(child);
                case "resultMap" -> keepColumnsOnly(child);
                default -> {}
            }
        }
        NodeList all = mapper.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (STATEMENTS.contains(element.getTagName())) {
                element.removeAttribute("parameterType");
                element.removeAttribute("parameterMap");
                if (element.hasAttribute("resultType")) {
                    element.setAttribute("resultType", "map");
                }
            }
        }
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, DOCTYPE_PUBLIC);
        transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, DOCTYPE_SYSTEM);
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }

    /**
     * A result map of plain columns into a map: the columns it reads directly or through its
     * constructor (nested associations and collections are dropped, their columns unchecked).
     */
    private static void keepColumnsOnly(Element resultMap) {
        Set<String> columns = new LinkedHashSet<>();
        collectColumns(resultMap, columns);
        for (Element child : children(resultMap)) {
            resultMap.removeChild(child);
        }
        resultMap.setAttribute("type", "map");
        for (String column : columns) {
            Element result = resultMap.getOwnerDocument().createElement("result");
            result.setAttribute("column", column);
            result.setAttribute("property", column);
            resultMap.appendChild(result);
        }
    }

    private static void collectColumns(Element parent, Set<String> columns) {
        for (Element child : children(parent)) {
            if (child.getTagName().equals("constructor")) {
                collectColumns(child, columns);
            } else if (COLUMN_ELEMENTS.contains(child.getTagName())
                    && !child.getAttribute("column").isBlank()) {
                columns.add(child.getAttribute("column"));
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** Binds no mapper interface: today's interface (and its annotations) is not the older release's. */
    private static final class SqlOnlyConfiguration extends Configuration {
        @Override
        public <T> void addMapper(Class<T> type) {
            // deliberately nothing
        }
    }
}
