-- The ordered phases of an issue's work: the state that workflow-complete deliveries change.
CREATE TABLE phase_queue (
    queue_id      VARCHAR(128)             NOT NULL,
    parent_issue  INTEGER                  NOT NULL,
    phase_number  INTEGER                  NOT NULL,
    title         VARCHAR(200)             NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    adw_id        VARCHAR(255),
    error_message VARCHAR(4000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT phase_queue_pkey PRIMARY KEY (queue_id),
    CONSTRAINT phase_queue_issue_phase_key UNIQUE (parent_issue, phase_number),
    CONSTRAINT phase_queue_status_check CHECK (status IN ('queued', 'ready', 'completed', 'failed', 'blocked')),
    CONSTRAINT phase_queue_queue_id_check CHECK (CHAR_LENGTH(queue_id) > 0),
    CONSTRAINT phase_queue_parent_issue_check CHECK (parent_issue > 0),
    CONSTRAINT phase_queue_phase_number_check CHECK (phase_number >= 1),
    CONSTRAINT phase_queue_title_check CHECK (CHAR_LENGTH(title) > 0)
);
