package org.telecare.accounts.partner;

import java.nio.file.Path;
import java.util.List;

class EmbeddedPartnerTest extends PartnerContract {
    @Override
    protected List<String> recipe(Path dir) {
        return List.of("embedded", dir.toString());
    }
}
