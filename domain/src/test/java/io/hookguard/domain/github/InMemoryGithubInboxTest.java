package io.hookguard.domain.github;

class InMemoryGithubInboxTest extends GithubInboxContract {

    @Override
    protected GithubInbox newInbox() {
        return new InMemoryGithubInbox();
    }
}
