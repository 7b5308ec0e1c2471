package org.telecare.accounts.dictionary;

import java.nio.file.Path;
import java.util.List;

class EmbeddedDictionaryTest extends DictionaryContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
