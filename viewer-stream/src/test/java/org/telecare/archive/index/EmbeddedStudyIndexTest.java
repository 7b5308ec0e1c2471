package org.telecare.archive.index;

import java.nio.file.Path;
import java.util.List;

class EmbeddedStudyIndexTest extends StudyIndexContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
