package dev.keel.bootstrap.fuzz;

import dev.keel.tools.devservices.test.TestServices;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** The catalogue of malformed input, by where it goes. Each list is data: add a case by adding a line. */
final class HostileInput {

    static final String KB10 = "x".repeat(10 * 1024);

    /** Path segments where an id belongs. */
    static final List<String> IDS = List.of(
            "not-a-uuid",
            "123",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "c232ab00-9414-11ec-b3c8-9f6bdeced846",
            "5df41881-3aed-3515-88a7-2f4a814cf09e",
            "0b1c6f2a-8e1f-4b1a-9c3e-6b1d3f1a2b3c",
            "0190c8f0-0000-7000-8000-00000000000g",
            "%ZZ",
            "%",
            "%00",
            "%C3%28",
            "%FF%FE",
            "..",
            "%2e%2e",
            "%2F",
            "%20",
            "{id}",
            ";a=b",
            "x".repeat(5_000),
            "%F0%9F%9A%80",
            "null",
            "-1",
            "1e3",
            "0x10",
            "%E2%80%AE");

    /** Whole query strings. */
    static final List<String> QUERIES = List.of(
            "cursor=%",
            "status=%ZZ",
            "=x",
            "cursor=%ZZ",
            "limit=%",
            "status=%C3%28",
            "cursor=%FF%FE%00",
            "limit=abc",
            "limit=-1",
            "limit=0",
            "limit=101",
            "limit=99999999999999999999",
            "limit=1e2",
            "limit=1.5",
            "limit=",
            "limit",
            "status=active",
            "status=",
            "status=DRAFT&status=ACTIVE",
            "status=%00",
            "status=1",
            "status[]=DRAFT",
            "cursor=",
            "cursor=not-a-cursor",
            "cursor=AAAA",
            "cursor=%2B%2F%2B%2F",
            "cursor=====",
            "cursor=" + "A".repeat(10_000),
            "q=" + KB10,
            "&&&",
            "%%%",
            "?",
            "limit=20&limit=30",
            "cursor=%E2%80%AE",
            "status=%F0%9F%9A%80",
            "limit=%20%205",
            "a%00b=1",
            "cursor=AAAAAAAAAAAAAAAAAAAAAA&cursor=AAAA");

    static final List<String> IF_MATCH = List.of(
            "W/\"0\"",
            "\"0\", \"1\"",
            "0",
            "\"-1\"",
            "\"99999999999999999999\"",
            "\"abc\"",
            "\"\"",
            "\"",
            "''",
            "",
            "   ",
            "\"" + KB10 + "\"",
            KB10,
            "\"0\"\"0\"",
            "\"🚀\"",
            "\"1\" ",
            "*, \"0\"",
            "W/*",
            "\"0x1\"",
            "null");

    /** What a client may put in Authorization instead of a valid token for the operation. */
    static final List<String> AUTHORIZATIONS = List.of(
            "",
            "Bearer",
            "Bearer ",
            "Bearer not.a.jwt",
            "bearer " + "x".repeat(4_000),
            "Basic a2VlbC1kZXY6c2VjcmV0",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "Bearer " + TestServices.issuer().token("fuzz", List.of("nothing:read")));

    static final List<String> ACCEPT = List.of(
            "text/html",
            "application/xml",
            "*/*;q=0",
            ";;;",
            "application/problem+json",
            "text/*",
            "image/png",
            "application/json;q=0",
            "application/*",
            "x",
            "application/json, text/html;q=0.1",
            "*/" + KB10);

    static final List<String> CONTENT_TYPES = List.of(
            "*/*",
            "application/*",
            "text/plain",
            "application/xml",
            "application/json;charset=ISO-8859-1",
            "application/json;charset=bogus",
            "a/b/c",
            ";",
            "",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/problem+json",
            "text/*",
            "application/json; q=\"",
            "application/json;" + KB10);

    static final List<String> METHODS = List.of(
            "TRACE", "OPTIONS", "HEAD", "FOO", "get", "PROPFIND", "CONNECT", "PURGE", "PATCH", "PUT", "DELETE", "POST");

    /** Strings that go where a string belongs, but are wrong there. */
    static final List<String> STRINGS = List.of(
            "",
            "   ",
            " leading",
            "trailing ",
            "\u0000",
            "a\u0000b",
            "\u202Egnp.exe",
            "\uD800",
            "\uDC00x",
            "\uFEFF",
            "y".repeat(201),
            "z".repeat(10_000),
            "w".repeat(100_000),
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%s%n",
            "${jndi:ldap://x/a}",
            "\n\r\t",
            "🧩".repeat(201),
            "\u0085",
            "\u200B",
            "\u00A0");

    /** JSON values that put the wrong type where a string or an enum belongs. */
    static final List<String> WRONG_TYPES = List.of(
            "123",
            "\"123\"",
            "-1",
            "1e309",
            "true",
            "null",
            "[]",
            "[\"x\"]",
            "{}",
            "{\"a\":1}",
            "1.5",
            "\"draft\"",
            "123456789012345678901234567890",
            "\"ACTIVE \"",
            "[null]");

    /** Whole bodies that are not a JSON object of the right shape, or not JSON at all. */
    static final List<String> BODIES = List.of(
            "",
            "{",
            "{\"name\":",
            "null",
            "[]",
            "\"x\"",
            "123",
            "{}{}",
            "{\"name\":\"a\",\"name\":\"b\"}",
            "\uFEFF{}",
            "{} trailing",
            "[".repeat(3_000),
            "{\"a\":".repeat(2_000),
            "{/* c */}",
            "{\"x\":NaN}",
            "{'name':'x'}",
            "{\"name\":\"\\ud800\"}",
            "{\"name\":\"\\u0000\"}",
            "{\"\":1}",
            " ",
            "\u0000");

    /** Request targets a well-behaved client could never produce: {@code @} is a collection's path, {@code ~} the same without its leading slash. */
    static final List<String> TARGETS = List.of(
            "@/{}",
            "@/|",
            "@/a\\b",
            "@/^",
            "@/`",
            "@/<>",
            "@/ä",
            "@#frag",
            "*",
            "~",
            "@/%",
            "@/%ZZ",
            "@/../..@",
            "/@",
            "@;x=1",
            "@/🚀",
            "/" + "a".repeat(20_000),
            "@?x=\u0001",
            "@/\u202E",
            "@/ ",
            "@\t",
            "@?a=b c");

    private HostileInput() {}

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates encoded, a cut sequence. */
    static byte[] invalidUtf8Json(Random random) {
        byte[][] bad = {
            {(byte) 0xff, (byte) 0xfe},
            {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xe2, (byte) 0x82},
            {(byte) 0x80}
        };
        byte[] chosen = bad[random.nextInt(bad.length)];
        byte[] head = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + chosen.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(chosen, 0, body, head.length, chosen.length);
        System.arraycopy(tail, 0, body, head.length + chosen.length, tail.length);
        return body;
    }
}
