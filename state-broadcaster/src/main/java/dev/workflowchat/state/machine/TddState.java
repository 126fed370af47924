package dev.workflowchat.state.machine;

/** One story's TDD cycle: DESIGN → TEST_RED → CODE_GREEN → REFACTOR → COMMIT (→ DESIGN for the next task). */
public enum TddState {
    DESIGN,
    TEST_RED,
    CODE_GREEN,
    REFACTOR,
    COMMIT;

    public TddState next() {
        return this == COMMIT ? DESIGN : values()[ordinal() + 1];
    }

    public boolean isOpen() {
        return this != COMMIT;
    }
}
