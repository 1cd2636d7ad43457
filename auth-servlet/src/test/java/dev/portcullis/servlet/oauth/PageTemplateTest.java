package dev.portcullis.servlet.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageTemplateTest {
  @Test
  void escapesValuesButNotTheEndpointsOwnFragments() {
    PageTemplate t = PageTemplate.of("<h1>${title}</h1><a title='${title}'>${box_html}</a>${missing}!", Set.of("title"));
    assertThat(t.render(Map.of("title", "<b>\"x\" & 'y'</b>", "box_html", "<i>ok</i>")))
        .isEqualTo("<h1>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</h1>"
            + "<a title='&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;'><i>ok</i></a>!");
  }

  @Test
  void aReplacementMustKeepTheRequiredPlaceholders() {
    assertThatThrownBy(() -> PageTemplate.of("<form action='${action}'></form>", OAuthPages.LOGIN_REQUIRED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required placeholder");
    assertThatThrownBy(() -> PageTemplate.of("oops ${unclosed", Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    PageTemplate custom = PageTemplate.of("<p>${error_html}<form action=\"${action}\">${hidden_html}</form>",
        OAuthPages.LOGIN_REQUIRED);
    assertThat(OAuthPages.defaults().withLogin(custom).login()).isSameAs(custom);
  }

  @Test
  void shippedPagesCarryTheContractIds() {
    OAuthPages pages = OAuthPages.defaults();
    assertThat(pages.verifier().render(Map.of("verifier", "abc"))).contains("id=\"verifier\">abc<");
    assertThat(pages.code().render(Map.of("code", "a|b|c|d|e"))).contains("id=\"authorization-code\">a|b|c|d|e<");
    assertThat(pages.login().render(Map.of("action", "/x"))).contains("name=\"username\"", "name=\"password\"");
  }
}
