DROP TABLE instance_secrets;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
