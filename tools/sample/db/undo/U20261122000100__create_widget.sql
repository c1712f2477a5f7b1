-- Undo of V20261122000100__create_widget.sql: drops the table with its indexes and triggers.
DROP TABLE widget;
