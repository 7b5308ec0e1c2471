package org.telecare.accounts;

import java.nio.file.Path;
import java.util.List;

class EmbeddedSmsSignInTest extends SmsSignInContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
