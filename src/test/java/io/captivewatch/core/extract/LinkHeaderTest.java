package io.captivewatch.core.extract;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTest {
    static final URI BASE = URI.create("http://10.0.0.1/dir/page?x=1");

    @Test
    void severalLinksInOneField() {
        List<LinkHeader.Link> links = LinkHeader.parse(
                "<https://portal.test/login>; rel=\"captive-portal\", </style.css>; rel=stylesheet", BASE);
        assertThat(links).hasSize(2);
        assertThat(links.get(0).target()).contains(URI.create("https://portal.test/login"));
        assertThat(links.get(0).hasRel("captive-portal")).isTrue();
        assertThat(links.get(1).target()).contains(URI.create("http://10.0.0.1/style.css"));
        assertThat(links.get(1).rels()).containsExactly("stylesheet");
    }

    @Test
    void acrossFieldsInOrder() {
        List<LinkHeader.Link> links = LinkHeader.parse(List.of("<a>; rel=one", "<b>;rel=two"), BASE);
        assertThat(links).extracting(l -> l.target().orElseThrow().toString())
                .containsExactly("http://10.0.0.1/dir/a", "http://10.0.0.1/dir/b");
    }

    @Test
    void quotedAndUnquotedParamsWithEscapesAndCommas() {
        List<LinkHeader.Link> links = LinkHeader.parse(
                "<../login>; title=\"Sign in, \\\"now\\\"\"; rel=\"Captive-Portal  Help\"; type=text/html, <//other.test/x>;rel=next", BASE);
        assertThat(links).hasSize(2);
        LinkHeader.Link l = links.get(0);
        assertThat(l.target()).contains(URI.create("http://10.0.0.1/login"));
        assertThat(l.params()).containsEntry("title", "Sign in, \"now\"").containsEntry("type", "text/html");
        assertThat(l.rels()).containsExactly("captive-portal", "help");
        assertThat(links.get(1).target()).contains(URI.create("http://other.test/x"));
    }

    @Test
    void firstRelWins() {
        LinkHeader.Link l = LinkHeader.parse("<x>; rel=a; rel=b", BASE).get(0);
        assertThat(l.rels()).containsExactly("a");
    }

    @Test
    void unsafeTargetsAreKeptRawButNotResolved() {
        List<LinkHeader.Link> links = LinkHeader.parse("<javascript:alert(1)>; rel=captive-portal, <data:text/html,hi>", BASE);
        assertThat(links).hasSize(2);
        assertThat(links).allMatch(l -> l.target().isEmpty());
        assertThat(links.get(0).rawTarget()).isEqualTo("javascript:alert(1)");
    }

    @Test
    void malformedPartsAreSkipped() {
        List<LinkHeader.Link> links = LinkHeader.parse("garbage, <ok>; rel=a, ;;;, <also>;rel=b junk, <last>", BASE);
        assertThat(links).extracting(LinkHeader.Link::rawTarget).containsExactly("ok", "also", "last");
        assertThat(LinkHeader.parse("<unterminated; rel=x", BASE)).isEmpty();
        assertThat(LinkHeader.parse("", BASE)).isEmpty();
        assertThat(LinkHeader.parse("<x>; rel=\"unterminated", BASE)).hasSize(1);
    }

    @Test
    void boundedToMaxLinks() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) sb.append("</l").append(i).append(">; rel=captive-portal, ");
        assertThat(LinkHeader.parse(sb.toString(), BASE)).hasSize(LinkHeader.MAX_LINKS);
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 1000; i++) fields.add("</f" + i + ">");
        List<LinkHeader.Link> many = LinkHeader.parse(fields, BASE);
        assertThat(many).hasSize(LinkHeader.MAX_LINKS);
        assertThat(many.get(0).rawTarget()).isEqualTo("/f0");
    }

    @Test
    void refusedLinksDoNotCountTowardsTheBound() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) sb.append("</a").append(i).append(".js>; rel=preload, ");
        sb.append("</portal>; rel=captive-portal");
        List<LinkHeader.Link> kept = LinkHeader.parse(List.of(sb.toString()), BASE, l -> !l.hasRel("preload"));
        assertThat(kept).extracting(LinkHeader.Link::rawTarget).containsExactly("/portal");
        assertThat(LinkHeader.parse(List.of(sb.toString()), BASE)).hasSize(LinkHeader.MAX_LINKS);
    }
}
