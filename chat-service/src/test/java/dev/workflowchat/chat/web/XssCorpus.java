package dev.workflowchat.chat.web;

import java.util.List;

/** Script-injection attempts that each try to set {@code window.__xss}, and a scan for anything active. */
final class XssCorpus {

    static final List<String> PAYLOADS = List.of(
            "<script>window.__xss=1</script>",
            "<img src=x onerror=\"window.__xss=1\">",
            "[click me](javascript:window.__xss=1)",
            "[mixed case](JaVaScRiPt:window.__xss=1)",
            "[data url](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
            "<svg onload=\"window.__xss=1\"><circle r=10></circle></svg>",
            "<a href=\"javascript:window.__xss=1\">plain link</a>",
            "<iframe src=\"javascript:window.__xss=1\"></iframe>",
            "![image](x\" onerror=\"window.__xss=1)",
            "<details open ontoggle=\"window.__xss=1\"><summary>x</summary></details>",
            "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\">",
            "**bold <img src=x onerror=window.__xss=1>**",
            "`<img src=x onerror=window.__xss=1>`",
            "```html\n<script>window.__xss=1</script>\n```",
            "<div style=\"background:url(javascript:window.__xss=1)\">styled</div>",
            "<form action=\"javascript:window.__xss=1\"><button>go</button></form>",
            "<img src=x onerror=window.__xss=1",
            "@<img src=x onerror=window.__xss=1>",
            "<object data=\"javascript:window.__xss=1\"></object>",
            "<input autofocus onfocus=\"window.__xss=1\">",
            "[link](\"onmouseover=\"window.__xss=1)",
            "> quote <img src=x onerror=window.__xss=1>\n- list <svg/onload=window.__xss=1>");

    /** Every element under the app's shadow roots that could run script: on* attributes, script URLs, active tags. */
    static final String FIND_ACTIVE_CONTENT = """
            () => {
              const found = [];
              const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'];
              const walk = (root, inMessage) => {
                for (const el of root.querySelectorAll('*')) {
                  const message = inMessage || ['MESSAGE-ITEM', 'APPROVAL-CARD'].includes(el.tagName);
                  if (inMessage) {
                    for (const attribute of el.attributes) {
                      if (/^on/i.test(attribute.name)) found.push(el.tagName + ' ' + attribute.name);
                      if (urlAttributes.includes(attribute.name.toLowerCase())
                          && /^\\s*(javascript|data|vbscript):/i.test(attribute.value)) found.push(el.tagName + ' ' + attribute.value);
                    }
                    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'STYLE', 'SVG', 'MATH'].includes(el.tagName.toUpperCase())) {
                      found.push(el.tagName);
                    }
                  }
                  if (el.shadowRoot) walk(el.shadowRoot, message);
                }
              };
              walk(document, false);
              return found;
            }
            """;

    private XssCorpus() {
    }
}
