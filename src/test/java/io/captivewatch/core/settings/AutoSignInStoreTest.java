package io.captivewatch.core.settings;

import io.captivewatch.core.recipe.Recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoSignInStoreTest {
    private static final Recipe RECIPE = new Recipe(List.of(new Recipe.Step("/opennds_preauth/", "get",
            List.of("continue (hidden)", "fas (hidden)"), List.of(), null)));

    @Test
    void perNetworkRecipesAreSavedReloadedAndRemoved(@TempDir Path dir) throws Exception {
        AutoSignInStore s = new AutoSignInStore(dir);
        s.put("wifi:Hotel", "Wi-Fi Hotel", RECIPE);
        AutoSignInStore again = new AutoSignInStore(dir);
        assertThat(again.get("wifi:Hotel").orElseThrow().recipe()).isEqualTo(RECIPE);
        assertThat(again.remove("wifi:Hotel")).isTrue();
        assertThat(new AutoSignInStore(dir).all()).isEmpty();
    }

    @Test
    void boundedAndACorruptFileIsSetAside(@TempDir Path dir) throws Exception {
        AutoSignInStore s = new AutoSignInStore(dir);
        for (int i = 0; i < AutoSignInStore.MAX_NETWORKS + 3; i++) s.put("n" + i, "N" + i, RECIPE);
        assertThat(s.all()).hasSize(AutoSignInStore.MAX_NETWORKS).doesNotContainKey("n0");
        Files.writeString(s.file(), "{not json");
        assertThat(new AutoSignInStore(dir).all()).isEmpty();
        assertThat(dir.resolve(AutoSignInStore.FILE_NAME + ".bad")).exists();
    }
}
