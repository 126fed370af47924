package dev.workflowchat.demo;

/** What one member of the team does in one round of the demo. */
interface Storyline {

    void playRound(TeamMember me, int round) throws InterruptedException;
}
