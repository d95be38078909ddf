package io.captivewatch.core.recipe;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** No password, card or personal-data field can enter a recipe (issue #20). */
class RecipeRecorderTest {
    private static final URI PAGE = URI.create("http://10.99.0.1:2050/splash?fas=abc");

    private static String page(String extra) {
        return "<form action=\"/go\" method=\"post\"><input type=hidden name=fas value=abc>"
                + "<input type=checkbox name=agree value=yes>" + extra + "<input type=submit value=Go></form>";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<input type=password name=x>",
            "<input name=cardnumber>",
            "<input name=x autocomplete=cc-number>",
            "<input name=x autocomplete='section-a billing cc-exp'>",
            "<input name=cvc>",
            "<input type=email name=x>",
            "<input type=tel name=x>",
            "<input name=phone>",
            "<input name=first_name>",
            "<input name=lastName>",
            "<input name=room_number>",
            "<input name=email_address>",
            "<input id=userPass name=p1>",
            "<input name=x autocomplete=current-password>",
            "<input name=x autocomplete=given-name>",
            "<input name=voucher>",
            "<input name=accessCode>",
            "<input name=ccNum>",
            "<input name=dob>",
            "<input name=iban>",
    })
    void aSensitiveFieldOnThePageMeansNoRecipeEvenIfTheUserLeftItEmpty(String field) {
        RecipeRecorder r = new RecipeRecorder();
        r.add(FormUser.submit(PAGE, page(field), "Go", Set.of("agree")));
        RecipeRecorder.Built b = r.build();
        assertThat(b.recipe()).as("%s", field).isEmpty();
        assertThat(b.refused()).isNotBlank();
    }

    @Test
    void aReportThatHidesItsSensitiveFieldIsStillRefused() {
        // the page (or a forged report) claims nothing sensitive, but a field is a password: the recorder re-checks
        SubmittedForm f = new SubmittedForm(PAGE.toString(), "/go", "post", null, List.of(
                new SubmittedForm.Field("agree", "checkbox", "", "", "yes", true, true),
                new SubmittedForm.Field("secret", "password", "", "", "hunter2", true, false)), null, null);
        RecipeRecorder r = new RecipeRecorder();
        r.add(f);
        assertThat(r.build().recipe()).isEmpty();
        assertThat(r.build().toString()).doesNotContain("hunter2");
    }

    @Test
    void anUntouchedCardFieldInAReportThatClaimsNothingSensitiveIsStillRefused() {
        SubmittedForm f = new SubmittedForm(PAGE.toString(), "/go", "post", null, List.of(
                new SubmittedForm.Field("agree", "checkbox", "", "", "yes", true, true),
                new SubmittedForm.Field("x", "text", "", "cc-number", null, false, false)), null, null);
        RecipeRecorder r = new RecipeRecorder();
        r.add(f);
        assertThat(r.build().recipe()).isEmpty();
        assertThat(r.build().refused()).contains("cc-number");
    }

    @Test
    void aValueReportedForAHiddenFieldIsNeverKept() {
        SubmittedForm f = new SubmittedForm(PAGE.toString(), "/go", "post", null, List.of(
                new SubmittedForm.Field("fas", "hidden", "", "", "SESSIONTOKEN", true, false)), null, null);
        RecipeRecorder r = new RecipeRecorder();
        r.add(f);
        assertThat(r.build().recipe().orElseThrow().toString()).doesNotContain("SESSIONTOKEN");
    }

    @Test
    void aClickThroughFormGivesARecipe() {
        RecipeRecorder r = new RecipeRecorder();
        r.add(FormUser.submit(PAGE, page(""), "Go", Set.of("agree")));
        Recipe recipe = r.build().recipe().orElseThrow();
        assertThat(recipe.steps().get(0).fields()).containsExactly("agree (checkbox)", "fas (hidden)");
        assertThat(recipe.steps().get(0).choices()).containsExactly(new Recipe.Choice("agree", "yes", true));
        assertThat(recipe.toString()).doesNotContain("abc");
    }

    @Test
    void harmlessNamesAreNotSensitive() {
        for (String n : List.of("continue", "landing", "terms", "accept", "agree", "fas", "tos", "redir", "lang")) {
            assertThat(FieldRules.sensitive(new FieldRules.Field("checkbox", n, "", ""))).as(n).isEmpty();
        }
    }

    @Test
    void reportsAreBoundedAndSurviveJson() {
        SubmittedForm f = FormUser.submit(PAGE, page(""), "Go", Set.of("agree"));
        assertThat(SubmittedForm.fromJson(f.toJson())).contains(f);
        assertThat(SubmittedForm.fromJson("{")).isEmpty();
        assertThat(SubmittedForm.fromJson("x".repeat(SubmittedForm.MAX_JSON + 1))).isEmpty();
    }
}
