// Syntax highlighting with highlight.js: its core plus the languages an agent workflow shows most.
import hljs from 'highlight.js/core';
import bash from 'highlight.js/languages/bash.js';
import css from 'highlight.js/languages/css.js';
import diff from 'highlight.js/languages/diff.js';
import go from 'highlight.js/languages/go.js';
import java from 'highlight.js/languages/java.js';
import javascript from 'highlight.js/languages/javascript.js';
import json from 'highlight.js/languages/json.js';
import kotlin from 'highlight.js/languages/kotlin.js';
import markdown from 'highlight.js/languages/markdown.js';
import python from 'highlight.js/languages/python.js';
import rust from 'highlight.js/languages/rust.js';
import sql from 'highlight.js/languages/sql.js';
import typescript from 'highlight.js/languages/typescript.js';
import xml from 'highlight.js/languages/xml.js';
import yaml from 'highlight.js/languages/yaml.js';

const languages = { bash, css, diff, go, java, javascript, json, kotlin, markdown, python, rust, sql, typescript, xml, yaml };
for (const [name, definition] of Object.entries(languages)) {
  hljs.registerLanguage(name, definition);
}
hljs.configure({ ignoreUnescapedHTML: true });

/** The code as highlighted HTML (escaped by highlight.js); unknown languages are guessed. */
export function highlight(code, language) {
  try {
    if (language && hljs.getLanguage(language)) {
      return hljs.highlight(code, { language, ignoreIllegals: true }).value;
    }
    return hljs.highlightAuto(code).value;
  } catch {
    return code.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]));
  }
}
