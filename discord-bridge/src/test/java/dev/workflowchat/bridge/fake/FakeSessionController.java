package dev.workflowchat.bridge.fake;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** Points JDA's gateway at the fake and drops the 5 s JDA waits between session starts, which only slows tests. */
public final class FakeSessionController extends SessionControllerAdapter {

    private final String gatewayUrl;

    public FakeSessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    @Override
    protected void runWorker() {
        synchronized (lock) {
            if (workerHandle == null) {
                workerHandle = new QueueWorker(0L);
                workerHandle.start();
            }
        }
    }
}
