package dev.workflowchat.chat.command;

import java.util.ArrayList;
import java.util.List;

/** A command line split into words as a shell would: "double" or 'single' quotes at a word's start keep a phrase together. */
public record CommandLine(String name, List<String> args, String raw) {

    /**
     * Whether a quote opened at the start of a word is never closed (the rest of the line would be
     * one word). A quote inside a word (it's) is only a character.
     */
    public static boolean leavesQuoteOpen(String text) {
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && (c == '"' || c == '\'') && !inWord) {
                quote = c;
                inWord = true;
            } else if (c == quote) {
                quote = 0;
            } else if (quote == 0) {
                inWord = !Character.isWhitespace(c);
            }
        }
        return quote != 0;
    }

    public static CommandLine parse(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && (c == '"' || c == '\'') && !inWord) {
                quote = c;
                inWord = true;
            } else if (c == quote) {
                quote = 0;
            } else if (Character.isWhitespace(c) && quote == 0) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        String name = words.isEmpty() ? "/" : words.get(0).toLowerCase(java.util.Locale.ROOT);
        return new CommandLine(name, words.isEmpty() ? List.of() : List.copyOf(words.subList(1, words.size())), text);
    }
}
