package dev.workflowchat.chat.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approvals list filtered by project, asking agent and risk on the server, so the inbox's
 * history pages through what its filters keep rather than filtering one page (issue #19).
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApprovalListFiltersTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    private Approvals approvals;

    @BeforeEach
    void setUp() {
        approvals = new Approvals(base, redis, names);
    }

    @Test
    void aPageKeepsOnlyTheProjectAgentAndRiskAskedFor() {
        String mine = approvals.project("strict", 0);
        String other = approvals.project("strict", 0);
        String high = approvals.asked(mine, "high", "");
        String low = approvals.asked(mine, "low", "");
        String elsewhere = approvals.asked(other, "high", "");

        assertThat(ids("status=pending&project=" + mine)).containsExactly(low, high);
        assertThat(ids("status=pending&project=" + mine + "&risk=high")).containsExactly(high);
        assertThat(ids("status=pending&project=" + mine + "&agent=code")).containsExactly(low, high);
        assertThat(ids("status=pending&project=" + mine + "&agent=someone-else")).isEmpty();
        assertThat(ids("risk=high&project=" + other)).containsExactly(elsewhere);
        // paging pages through what the filters keep
        assertThat(ids("status=pending&project=" + mine + "&offset=1&limit=1")).containsExactly(high);

        approvals.post(Accounts.approver("filter").token(), "/api/approvals/" + high + "/decision",
                "{\"action\":\"approve\"}").then().statusCode(200);
        assertThat(ids("status=decided&project=" + mine)).containsExactly(high);
        assertThat(ids("status=decided&project=" + mine + "&risk=low")).isEmpty();
        assertThat(ids("status=pending&project=" + mine)).containsExactly(low);
    }

    @Test
    void aRequestOfNoProjectOrRiskIsTheDefaultProjectsAndMedium() {
        String id = Agent.newId();
        approvals.ask(id, "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"approval.request\",\"source\":\"agent:code\","
                + "\"data\":{\"request_type\":\"code_change\",\"title\":\"No project " + id + "\",\"payload\":{}}}");

        assertThat(ids("status=pending&project=default&risk=medium&limit=200")).contains(id);
        assertThat(ids("status=pending&project=default&risk=high&limit=200")).doesNotContain(id);
    }

    @Test
    void anUnknownRiskOrAnOddNameIsRefused() {
        list("risk=extreme").then().statusCode(400);
        list("project=" + "p".repeat(201)).then().statusCode(400);
        list("agent=code%07").then().statusCode(400);
        list("status=decided&risk=critical").then().statusCode(200);
    }

    private List<String> ids(String query) {
        return list(query).then().statusCode(200).extract().jsonPath().getList("approval_id", String.class);
    }

    private io.restassured.response.Response list(String query) {
        return RestAssured.given().baseUri(base.toString()).auth().oauth2(Accounts.admin().token())
                .urlEncodingEnabled(false).get("/api/approvals?" + query);
    }
}
