package org.telecare.accounts;

import java.nio.file.Path;
import java.util.List;

class EmbeddedAccountsTest extends AccountsContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
